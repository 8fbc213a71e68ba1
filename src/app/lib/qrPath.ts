/**
 * A QR code as one SVG path: the `qrcode` package makes the module matrix; each dark module is a
 * unit square, offset by the 4-module quiet zone scanners need. Error correction M (15%) keeps a
 * projected code readable when a corner is glared out. Pure TS: unit-tested in Node.
 */
import QRCode from 'qrcode';

export const QR_QUIET_ZONE = 4;

/** The code's side in modules (quiet zone included) and its dark modules as an SVG path. */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const q = QR_QUIET_ZONE;
  const parts: string[] = [];
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) {
      if (modules.get(y, x)) parts.push(`M${x + q} ${y + q}h1v1h-1z`);
    }
  }
  return { size: modules.size + 2 * q, d: parts.join('') };
}
