// Notes being typed and not yet saved. A note saves when the coder leaves its field, but a field can also
// go without being left: the playhead moves on to the next segment while the coder types, the study locks
// (idle, the computer locking), the window closes or the page reloads. Each unsaved draft is held here, so
// any of those saves it first, and a field that goes saves its own.

type Save = () => void | Promise<unknown>;

const held = new Set<Save>();

/** Holds a draft's save until the returned release; `save` must do nothing once the draft is saved. */
export function holdDraft(save: Save): () => void {
  held.add(save);
  return () => held.delete(save);
}

/**
 * Saves every draft still being typed: before the study locks or the page goes, while its coding can still be
 * written. The saves are sent at once (in order, before anything sent after this call); the promise settles when
 * the core has answered them all, with how many drafts were held.
 */
export async function saveDrafts(): Promise<number> {
  const saves = [...held];
  await Promise.allSettled(saves.map((save) => Promise.resolve(save())));
  return saves.length;
}
