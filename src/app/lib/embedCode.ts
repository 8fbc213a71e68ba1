/**
 * The `<iframe>` snippet that puts a run into a slide or a course page (docs/embed.md): the run
 * link with `embed=1`, at a 16:9 size that the compact layout fits, allowed to be cross-origin
 * isolated so WASM can use threads where the embedding page is isolated too.
 */
export const EMBED_SIZE = { width: 800, height: 450 } as const;

function escapeAttribute(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function embedUrl(link: string): string {
  const url = new URL(link);
  url.searchParams.set('embed', '1');
  // Commas in `hide=` read better unescaped, as in the run link itself.
  return url.toString().replace(/%2C/g, ',');
}

export function embedCode(link: string, size: { width: number; height: number } = EMBED_SIZE): string {
  return `<iframe src="${escapeAttribute(embedUrl(link))}" width="${size.width}" height="${size.height}" title="GAN Playground" allow="cross-origin-isolated; fullscreen" style="border:0" loading="lazy"></iframe>`;
}
