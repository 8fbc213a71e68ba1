/**
 * Vite plugin: the web app manifest's PNG icons, rendered from public/favicon.svg at build time
 * (installing needs 192 and 512 px PNGs; a maskable one keeps the mark inside Android's safe
 * zone). In dev the same PNGs are served from memory, so the manifest never points at a 404.
 */
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { Plugin } from 'vite';

export interface PwaIcon {
  /** Path under the site root, as the manifest names it. */
  file: string;
  size: number;
  purpose: 'any' | 'maskable';
}

export const PWA_ICONS: readonly PwaIcon[] = [
  { file: 'icons/icon-192.png', size: 192, purpose: 'any' },
  { file: 'icons/icon-512.png', size: 512, purpose: 'any' },
  { file: 'icons/icon-maskable-512.png', size: 512, purpose: 'maskable' },
];

/** The favicon's own background colour: the maskable icon fills its bleed with it. */
export const ICON_BACKGROUND = '#1f2937';

/**
 * A maskable icon may be cropped to the inner 80% circle, so the favicon is drawn at 70% in the
 * middle of a full-bleed square of its background colour.
 */
export function maskableSvg(favicon: string): string {
  const inner = favicon.replace(/^<svg\b/, '<svg x="4.8" y="4.8" width="22.4" height="22.4"');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${ICON_BACKGROUND}"/>${inner}</svg>`;
}

export function renderIcon(favicon: string, icon: PwaIcon): Buffer {
  const svg = icon.purpose === 'maskable' ? maskableSvg(favicon) : favicon;
  return new Resvg(svg, { fitTo: { mode: 'width', value: icon.size } }).render().asPng();
}

export function pwaIcons(faviconPath: string): Plugin {
  const favicon = () => readFileSync(faviconPath, 'utf8');
  return {
    name: 'pwa-icons',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const icon = PWA_ICONS.find((i) => req.url === `/${i.file}`);
        if (!icon) return next();
        res.setHeader('Content-Type', 'image/png');
        res.end(renderIcon(favicon(), icon));
      });
    },
    generateBundle() {
      for (const icon of PWA_ICONS) this.emitFile({ type: 'asset', fileName: icon.file, source: renderIcon(favicon(), icon) });
    },
  };
}
