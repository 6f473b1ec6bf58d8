import { existsSync } from 'node:fs';

/** A TrueType/OpenType collection with Chinese glyphs and the face to use from it. */
export interface CjkFont {
  path: string;
  family: string;
}

/**
 * Where Debian/Ubuntu put CJK fonts (fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk).
 * STREETFLOW_CJK_FONT=/path/to/font.ttc[#PostScriptName] overrides the search.
 */
const CANDIDATES: CjkFont[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
];

/** The first CJK font found, or null (the permit then falls back to Latin text, saying so). */
export function findCjkFont(env: NodeJS.ProcessEnv = process.env): CjkFont | null {
  const override = env.STREETFLOW_CJK_FONT;
  if (override) {
    const [path, family] = override.split('#');
    if (path && existsSync(path)) return { path, family: family ?? '' };
  }
  return CANDIDATES.find((c) => existsSync(c.path)) ?? null;
}
