// Transport icons as inline SVG: fonts differ between machines and some lack the media-control glyphs.
import './Icon.css';

const PATHS = {
  play: 'M5 3.5v13l11-6.5z',
  pause: 'M5 3.5h3.5v13H5zM11.5 3.5H15v13h-3.5z',
  'segment-previous': 'M4 4h2v12H4zM16 4v12L7.5 10z',
  'segment-next': 'M14 4h2v12h-2zM4 4v12l8.5-6z',
  'frame-back': 'M13.5 4.5v11L6 10z',
  'frame-forward': 'M6.5 4.5v11L14 10z',
  'seek-back': 'M10 4V1.5L5.5 5 10 8.5V6a5 5 0 1 1-5 5H3a7 7 0 1 0 7-7z',
  'seek-forward': 'M10 4V1.5L14.5 5 10 8.5V6a5 5 0 1 0 5 5h2a7 7 0 1 1-7-7z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
