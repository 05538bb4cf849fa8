// The identity of the person who uses this study: the card line to send to the lab, its fingerprint to compare
// in person, and the same card as a QR code. The QR code is drawn as SVG elements (no image URL), so the
// page's content policy stays as strict as it is.

import { create } from 'qrcode';
import { useQuery } from '@tanstack/react-query';
import { askOptions } from '../state/queries.ts';
import { ErrorAlert } from './ErrorAlert.tsx';
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
  const { data: identity, error, isPending } = useQuery(askOptions('identity.show', {}));
  return (
    <section className="card" aria-labelledby="identity-heading">
      <h2 id="identity-heading">Your identity for lab packets</h2>
      {isPending && !error && <p className="muted">Reading…</p>}
      <ErrorAlert error={error?.value} />
      {identity === null && (
        <p className="hint">
          This study has no identity: it was made before identities existed. Make one with “3rs identity create” to exchange packets with a lab.
        </p>
      )}
      {identity && (
        <div className="identity">
          <QrCode text={identity.card} label={`QR code of the identity card of ${identity.code}`} />
          <dl className="facts">
            <dt>Who</dt>
            <dd>
              {identity.code} ({identity.name})
            </dd>
            <dt>Fingerprint</dt>
            <dd className="identity-fingerprint">{identity.fingerprint}</dd>
            <dt>Card</dt>
            <dd>
              <code className="identity-card-line">{identity.card}</code>
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
