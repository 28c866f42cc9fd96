/** Header action icons (inline SVG: no icon font, nothing the CSP must allow). Decorative: buttons carry the names. */
const Svg = ({ d }: { d: string }) => (
  <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path
      d={d}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    />
  </svg>
);

export const MaximiseIcon = () => <Svg d="M9.5 2.5h4v4M6.5 13.5h-4v-4M13.5 2.5 9 7M2.5 13.5 7 9" />;
export const RestoreIcon = () => <Svg d="M13.5 6.5h-4v-4M2.5 9.5h4v4M9.5 6.5 14 2M6.5 9.5 2 14" />;
export const PopOutIcon = () => <Svg d="M9 2.5h4.5V7M13.5 2.5 8 8M11.5 9.5v4h-9v-9h4" />;
export const CloseIcon = () => <Svg d="M4 4l8 8M12 4l-8 8" />;
