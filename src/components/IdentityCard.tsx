// The identity of the person who uses this study: the card line to send to the lab, its fingerprint to compare
// in person, and the same card as a QR code. The QR code is drawn as SVG elements (no image URL), so the
// page's content policy stays as strict as it is.

import { create } from 'qrcode';
import { useEffect, useState } from 'react';
import type { IdentitySummary, Result } from '../../electron/core/api/contract.ts';
import { call } from '../api.ts';
import './IdentityCard.css';

/** The dark modules of a QR code as one SVG path: a square per module, with the usual 4-module quiet zone. */
function QrCode({ text, label }: { text: string; label: string }) {
  const { size, data } = create(text, { errorCorrectionLevel: 'M' }).modules;
  const quiet = 4;
  let path = '';
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) if (data[row * size + col]) path += `M${col + quiet} ${row + quiet}h1v1h-1z`;
  }
  const side = size + 2 * quiet;
  return (
    <svg className="identity-qr" viewBox={`0 0 ${side} ${side}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

export function IdentityCard() {
  const [answer, setAnswer] = useState<Result<IdentitySummary | null> | null>(null);
  useEffect(() => {
    let live = true;
    void call('identity.show', {}).then((result) => live && setAnswer(result));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="card" aria-labelledby="identity-heading">
      <h2 id="identity-heading">Your identity for lab packets</h2>
      {answer === null && <p className="muted">Reading…</p>}
      {answer && !answer.ok && (
        <p className="alert" role="alert">
          {answer.error.message}
        </p>
      )}
      {answer?.ok && answer.value === null && (
        <p className="hint">
          This study has no identity: it was made before identities existed. Make one with “3rs identity create” to exchange packets with a lab.
        </p>
      )}
      {answer?.ok && answer.value && (
        <div className="identity">
          <QrCode text={answer.value.card} label={`QR code of the identity card of ${answer.value.code}`} />
          <dl className="facts">
            <dt>Who</dt>
            <dd>
              {answer.value.code} ({answer.value.name})
            </dd>
            <dt>Fingerprint</dt>
            <dd className="identity-fingerprint">{answer.value.fingerprint}</dd>
            <dt>Card</dt>
            <dd>
              <code className="identity-card-line">{answer.value.card}</code>
            </dd>
          </dl>
        </div>
      )}
      <p className="hint">
        Send the card line to your lab (or let them scan the QR code). Before trusting any packet, read the fingerprint aloud to each other in person:
        every digit must match.
      </p>
    </section>
  );
}
