import type { Category, Clarity } from '../../electron/core/scheme/types.ts';
import type { Chord } from '../keys/commands.ts';
import { chordKeys, keyLabel } from '../keys/keycodes.ts';
import { useKeyboardLayout } from '../keys/layout.ts';
import './Glyphs.css';

/** ✓ for a clear marker, ✓− for an unclear one, as on the paper scoresheet. */
export function ClarityGlyph({ clarity }: { clarity: Clarity }) {
  return (
    <span className={`glyph ${clarity}`} aria-label={clarity === 'check' ? 'check' : 'check-minus'}>
      {clarity === 'check' ? '✓' : '✓−'}
    </span>
  );
}

/** A code id in its category's colour, e.g. W3. */
export function CodeChip({ code, category }: { code: string; category: Category }) {
  return <span className={`chip cat-${category}`}>{code}</span>;
}

/** A key as printed on the keyboard. */
export function KeyCap({ children }: { children: string }) {
  return <kbd className="keycap">{children}</kbd>;
}

/** A physical key, labelled as this keyboard prints it (the US name until, or unless, the layout is known). */
export function KeyLabel({ code }: { code: string }) {
  useKeyboardLayout((s) => s.typed);
  return <KeyCap>{keyLabel(code)}</KeyCap>;
}

/** A command's chord as key caps, e.g. Ctrl Shift Z. */
export function ChordCaps({ chord }: { chord: Chord }) {
  useKeyboardLayout((s) => s.typed);
  return (
    <span className="chord">
      {chordKeys(chord).map((p, i) => (
        <KeyCap key={i}>{p}</KeyCap>
      ))}
    </span>
  );
}
