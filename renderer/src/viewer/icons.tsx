/**
 * Small line icons for the viewer toolbar. Inline SVG (no icon font, no remote asset) drawn with
 * `currentColor`, so they follow the button's colour and high-contrast mode.
 */
import type { ReactNode } from 'react';

type IconName = 'prev' | 'next' | 'up' | 'down' | 'zoomIn' | 'zoomOut' | 'fitWidth' | 'actualSize' | 'sidebar' | 'search' | 'close';

const PATHS: Record<IconName, ReactNode> = {
  prev: <path d="M12.5 4.5 7 10l5.5 5.5" />,
  next: <path d="M7.5 4.5 13 10l-5.5 5.5" />,
  up: <path d="M4.5 12.5 10 7l5.5 5.5" />,
  down: <path d="M4.5 7.5 10 13l5.5-5.5" />,
  zoomIn: (
    <>
      <circle cx="8.5" cy="8.5" r="5.5" />
      <path d="m12.5 12.5 4.5 4.5M6 8.5h5M8.5 6v5" />
    </>
  ),
  zoomOut: (
    <>
      <circle cx="8.5" cy="8.5" r="5.5" />
      <path d="m12.5 12.5 4.5 4.5M6 8.5h5" />
    </>
  ),
  fitWidth: (
    <>
      <rect x="4" y="3" width="12" height="14" rx="1.5" />
      <path d="M1.5 10h5M13.5 10h5M3.5 8l-2 2 2 2M16.5 8l2 2-2 2" />
    </>
  ),
  actualSize: (
    <>
      <rect x="3" y="3" width="14" height="14" rx="1.5" />
      <path d="M7.5 7.5 9 6.5v7M11.5 9h.01M11.5 12h.01" />
    </>
  ),
  sidebar: (
    <>
      <rect x="2.5" y="3.5" width="15" height="13" rx="1.5" />
      <path d="M7.5 3.5v13M4.5 6.5h1M4.5 9h1M4.5 11.5h1" />
    </>
  ),
  search: (
    <>
      <circle cx="8.5" cy="8.5" r="5.5" />
      <path d="m12.5 12.5 4.5 4.5" />
    </>
  ),
  close: <path d="m5.5 5.5 9 9M14.5 5.5l-9 9" />,
};

export function Icon({ name }: { name: IconName }): ReactNode {
  return (
    <svg
      className="viewer-icon"
      viewBox="0 0 20 20"
      width="18"
      height="18"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
