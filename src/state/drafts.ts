// Notes being typed and not yet saved. A note saves when the coder leaves its field, but a field can also
// go without being left: the playhead moves on to the next segment while the coder types, or the study
// locks (idle, the computer locking). Each unsaved draft is held here, so a lock saves it first, and a
// field that goes saves its own.

const held = new Set<() => void>();

/** Holds a draft's save until the returned release; `save` must do nothing once the draft is saved. */
export function holdDraft(save: () => void): () => void {
  held.add(save);
  return () => held.delete(save);
}

/** Saves every draft still being typed: before the study locks, while its coding can still be written. */
export function saveDrafts(): void {
  for (const save of [...held]) save();
}
