/** A QR code of a link as an SVG image: dark on white in every theme (scanners expect that). */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { qrPath } from '../../lib/qrPath';

export function QrCode({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation();
  const qr = useMemo(() => {
    try {
      return qrPath(text);
    } catch {
      return null; // longer than a QR code holds (about 2,300 characters at level M)
    }
  }, [text]);
  if (!qr) return <p className="qr-too-long">{t('classroom.tooLong')}</p>;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${qr.size} ${qr.size}`} shapeRendering="crispEdges" data-testid="qr-code">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
