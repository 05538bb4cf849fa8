import type { Category, Clarity } from '../../electron/core/scheme/types.ts';

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
