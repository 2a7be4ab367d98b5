import type { Image } from './png.js';

/**
 * Tandem's Teams icons, drawn in code so they are reproducible: two linked rings (the CRM and
 * Office 365 riding in tandem). `scripts/make-icons.ts` writes them to appPackage/; a unit test
 * checks the committed files still match this drawing.
 */

/** The manifest's accentColor and the colour icon's background. */
export const ACCENT = '#3B5BDB';

interface Ring {
  cx: number;
  cy: number;
  r: number;
  stroke: number;
}

const SUPERSAMPLE = 4;

/** Fraction (0..1) of the pixel at (x, y) covered by any ring, by 4×4 supersampling. */
function coverage(x: number, y: number, rings: Ring[]): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const px = x + (sx + 0.5) / SUPERSAMPLE;
      const py = y + (sy + 0.5) / SUPERSAMPLE;
      if (rings.some((g) => Math.abs(Math.hypot(px - g.cx, py - g.cy) - g.r) <= g.stroke / 2)) hits++;
    }
  }
  return hits / (SUPERSAMPLE * SUPERSAMPLE);
}

function rings(size: number, stroke: number): Ring[] {
  const r = size * 0.21;
  const gap = size * 0.115;
  return [
    { cx: size / 2 - gap, cy: size / 2, r, stroke },
    { cx: size / 2 + gap, cy: size / 2, r, stroke },
  ];
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** 192×192, fully opaque: white rings on the accent colour. */
export function renderColorIcon(): Image {
  const size = 192;
  const shape = rings(size, 14);
  const [br, bg, bb] = hexToRgb(ACCENT);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, shape);
      const i = (y * size + x) * 4;
      rgba[i] = Math.round(br + (255 - br) * c);
      rgba[i + 1] = Math.round(bg + (255 - bg) * c);
      rgba[i + 2] = Math.round(bb + (255 - bb) * c);
      rgba[i + 3] = 255;
    }
  }
  return { width: size, height: size, rgba };
}

/** 32×32, white on transparent (Teams recolours it); anti-aliasing only through alpha. */
export function renderOutlineIcon(): Image {
  const size = 32;
  const shape = rings(size, 2.5);
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = Math.round(coverage(x, y, shape) * 255);
      const i = (y * size + x) * 4;
      rgba[i] = 255;
      rgba[i + 1] = 255;
      rgba[i + 2] = 255;
      rgba[i + 3] = alpha;
    }
  }
  return { width: size, height: size, rgba };
}
