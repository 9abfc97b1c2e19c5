/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const COLORS = {
  A: '#0072B2',
  B: '#D55E00',
  diff: '#009E73',
  neutral: '#999999',
  ink: '#1b1f24',
  quota: '#1b1f24',
} as const;

/** Hours by use, in the order they stack. */
export const USE_COLORS: Record<string, string> = {
  won: '#009E73',
  lost: '#D55E00',
  stalled: '#E69F00',
  qualification: '#CC79A7',
  overhead: '#F0E442',
  prospecting: '#56B4E9',
  idle: '#BBBBBB',
};

/** Chart text at projector size. */
export const CHART_STYLE = {
  fontSize: '14px',
  fontFamily: 'inherit',
  background: 'transparent',
  color: COLORS.ink,
  overflow: 'visible',
} as const;
