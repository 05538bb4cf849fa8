// An error the app caused (a malformed request, an unforeseen failure) reads as the app's fault; the user's own
// bad input reads as what to put right, and nothing more.

import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorAlert } from '../../src/components/ErrorAlert.tsx';
import { useStudy } from '../../src/state/study.ts';

afterEach(() => {
  cleanup();
  useStudy.setState({ error: null });
});

const MALFORMED = 'The request "marks.add" was malformed (clarity: Invalid option), so nothing was done. This is a bug in the app: please report it.';

describe('an error shown beside a form', () => {
  it('a malformed request (BAD_REQUEST) says it is a fault of the app, not something the user did, then what happened', () => {
    render(<ErrorAlert error={{ code: 'BAD_REQUEST', message: MALFORMED }} />);
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('strong')?.textContent).toBe('This is a fault in 3RS Station, not something you did. ');
    expect(alert.textContent).toBe(`This is a fault in 3RS Station, not something you did. ${MALFORMED}`);
  });

  it('an unforeseen failure (INTERNAL) reads the same way', () => {
    render(<ErrorAlert error={{ code: 'INTERNAL', message: 'Unexpected error: x. Please report it with the steps that led to it.' }} />);
    expect(screen.getByRole('alert').textContent).toMatch(/^This is a fault in 3RS Station, not something you did\. Unexpected error/);
  });

  it('the user’s own bad input (INVALID_INPUT) says only what to put right', () => {
    const message = 'W9 is not a code of this scheme. Use one of W1–W7, C1–C7, R1–R10.';
    render(<ErrorAlert error={{ code: 'INVALID_INPUT', message }} />);
    expect(screen.getByRole('alert').textContent).toBe(message);
    expect(screen.getByRole('alert').querySelector('strong')).toBeNull();
  });

  it('the study’s last error, shown by the form whose action failed, is told apart by its code too', () => {
    useStudy.setState({ error: { code: 'BAD_REQUEST', message: MALFORMED, action: 'open' } });
    render(<ErrorAlert actions={['open']} />);
    expect(screen.getByRole('alert').textContent).toMatch(/^This is a fault in 3RS Station, not something you did\. The request "marks\.add"/);
  });
});
