/**
 * Offline label glyphs: an `atlas-glyphs://` protocol that MapLibre fetches glyph ranges from,
 * answered by drawing them in the browser.
 *
 * Why: MapLibre draws text only from signed-distance-field (SDF) glyphs. A style with symbol
 * layers needs a `glyphs` URL, and the usual one points at a font server on the internet — which
 * a city's intranet deployment may not reach, and which would leak every page view to a third
 * party. So the style's `glyphs` URL names this protocol instead, and the handler renders each
 * requested block of 256 code points with TinySDF (the same rasterizer MapLibre uses for CJK) from
 * whatever sans-serif fonts the machine has, then encodes them as the glyph PBF MapLibre expects.
 * Nothing leaves the browser.
 *
 * CJK is not drawn here: MapLibre itself draws ideographs (and kana, hangul) locally with the map's
 * `localIdeographFontFamily`, glyph by glyph, without ever asking the glyphs URL — much cheaper than
 * rendering whole ranges of 256 ideographs. In MapLibre 6 that local font is used only for the
 * style spec's default font stack, which is why the label layers keep `LABEL_FONT` below.
 *
 * The PBF format (MapLibre's `parse_glyph_pbf.ts`, Mapbox `glyphs.proto`):
 *   message glyphs    { repeated fontstack stacks = 1; }
 *   message fontstack { string name = 1; string range = 2; repeated glyph glyphs = 3; }
 *   message glyph     { uint32 id = 1; bytes bitmap = 2; uint32 width = 3; uint32 height = 4;
 *                       sint32 left = 5; sint32 top = 6; uint32 advance = 7; }
 * `bitmap` is one byte per pixel, (width + 6) × (height + 6): the glyph's box plus a 3 px border,
 * exactly TinySDF's output with `buffer: 3`. Glyphs are 24 px, MapLibre's base size for PBF glyphs.
 */
import { maplibregl } from './maplibre';
import TinySDF from '@mapbox/tiny-sdf';
import { PbfWriter } from 'pbf';

const GLYPH_PROTOCOL = 'atlas-glyphs';

/** The style's `glyphs` URL; MapLibre fills in the font stack and the range ("0-255"). */
const LOCAL_GLYPHS_URL = `${GLYPH_PROTOCOL}://{fontstack}/{range}.pbf`;

/**
 * The style spec's default `text-font`. It names fonts we do not have — the handler below draws
 * every stack with `LATIN_FONT_FAMILY` — but it is the only stack for which MapLibre 6 draws CJK
 * with `localIdeographFontFamily` rather than with the stack's own (unknown) family name.
 */
export const LABEL_FONT = ['Open Sans Regular', 'Arial Unicode MS Regular'];

/** Latin, Cyrillic, Greek …: common sans-serif fonts, then whatever the system has. */
const LATIN_FONT_FAMILY = '"Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", "Noto Sans CJK SC", sans-serif';

/** CJK: drawn by MapLibre itself (map option `localIdeographFontFamily`). */
export const CJK_FONT_FAMILY = '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif';

/** MapLibre's glyph PBFs are rendered at 24 px with a 3 px border; its atlas assumes both. */
const FONT_SIZE = 24;
const BORDER = 3;
/** Same SDF spread as MapLibre's own TinySDF glyphs, so local and PBF glyphs look alike. */
const RADIUS = 8;
const CUTOFF = 0.25;
/**
 * TinySDF's `glyphTop` is measured from the alphabetic baseline; PBF `top` from an origin above
 * the em box. MapLibre shifts its own TinySDF glyphs by 27.5 px at this size (glyph_manager.ts
 * `topAdjustment`); PBF `top` is an integer, so 27 keeps Latin within half a pixel of CJK.
 */
const TOP_ADJUSTMENT = 27;

/** Code points worth drawing: letters, marks, digits, punctuation, symbols and spaces. */
const DRAWABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;

interface FontSelection {
  weight: string;
  style: string;
}

/** Read the weight and style out of a stack's first font name ("Open Sans Bold Italic"). */
function fontSelection(fontstack: string): FontSelection {
  const first = fontstack.split(',')[0] ?? '';
  const weight = /\b(black|heavy)\b/i.test(first)
    ? '900'
    : /\b(extra ?bold|ultra ?bold)\b/i.test(first)
      ? '800'
      : /\bbold\b/i.test(first)
        ? '700'
        : /\b(semi ?bold|demi ?bold)\b/i.test(first)
          ? '600'
          : /\bmedium\b/i.test(first)
            ? '500'
            : /\blight\b/i.test(first)
              ? '300'
              : '400';
  const style = /\bitalic\b/i.test(first) ? 'italic' : /\boblique\b/i.test(first) ? 'oblique' : 'normal';
  return { weight, style };
}

/** Parse `atlas-glyphs://{fontstack}/{start}-{end}.pbf`. */
function parseGlyphUrl(url: string): { fontstack: string; start: number; end: number } | null {
  const match = /^[a-z-]+:\/\/(.+)\/(\d+)-(\d+)\.pbf$/.exec(url);
  if (!match) return null;
  const [, rawStack = '', start = '', end = ''] = match;
  let fontstack = rawStack;
  try {
    fontstack = decodeURIComponent(rawStack);
  } catch {
    // Not percent-encoded after all: use it as it came.
  }
  return { fontstack, start: Number(start), end: Number(end) };
}

/** Draw the code points start..end and encode them as one glyph PBF. */
function renderGlyphRange(fontstack: string, start: number, end: number): Uint8Array {
  const { weight, style } = fontSelection(fontstack);
  const sdf = new TinySDF({
    fontSize: FONT_SIZE,
    buffer: BORDER,
    radius: RADIUS,
    cutoff: CUTOFF,
    fontFamily: LATIN_FONT_FAMILY,
    fontWeight: weight,
    fontStyle: style,
  });
  const pbf = new PbfWriter();
  pbf.writeMessage(
    1,
    (_: null, stack: PbfWriter) => {
      stack.writeStringField(1, fontstack);
      stack.writeStringField(2, `${start}-${end}`);
      for (let id = start; id <= end; id++) {
        if (id >= 0xd800 && id <= 0xdfff) continue; // lone surrogates are not characters
        const char = String.fromCodePoint(id);
        if (!DRAWABLE.test(char)) continue;
        const glyph = sdf.draw(char);
        const empty = glyph.glyphWidth === 0 || glyph.glyphHeight === 0;
        stack.writeMessage(
          3,
          (_g: null, g: PbfWriter) => {
            g.writeVarintField(1, id);
            // An empty glyph (a space) has no bitmap at all: MapLibre then allocates a blank one.
            if (!empty) g.writeBytesField(2, new Uint8Array(glyph.data.buffer, glyph.data.byteOffset, glyph.data.byteLength));
            g.writeVarintField(3, empty ? 0 : glyph.glyphWidth);
            g.writeVarintField(4, empty ? 0 : glyph.glyphHeight);
            g.writeSVarintField(5, Math.round(glyph.glyphLeft));
            g.writeSVarintField(6, Math.round(glyph.glyphTop - TOP_ADJUSTMENT));
            g.writeVarintField(7, Math.max(0, Math.round(glyph.glyphAdvance)));
          },
          null,
        );
      }
    },
    null,
  );
  return pbf.finish();
}

const cache = new Map<string, Uint8Array>();
let registered = false;

/**
 * Register the `atlas-glyphs://` protocol (once per page; every map shares it). Returns the URL
 * template for the style's `glyphs` property.
 */
export function registerLocalGlyphs(): string {
  if (!registered) {
    maplibregl.addProtocol(GLYPH_PROTOCOL, async (params, abortController) => {
      const request = parseGlyphUrl(params.url);
      if (!request) throw new Error(`not a glyph range URL: ${params.url}`);
      if (abortController.signal.aborted) throw new DOMException('aborted', 'AbortError');
      const key = `${request.fontstack}/${request.start}`;
      let bytes = cache.get(key);
      if (!bytes) {
        bytes = renderGlyphRange(request.fontstack, request.start, request.end);
        cache.set(key, bytes);
      }
      // A fresh copy each time: MapLibre may transfer the buffer it is given.
      return { data: bytes.slice().buffer };
    });
    registered = true;
  }
  return LOCAL_GLYPHS_URL;
}
