import { describe, expect, it } from 'vitest';
import { decodeRunLink } from './runLink';
import { embedCode, embedUrl } from './embedCode';

const LINK = 'https://gan.example.org/?v=2&dataset=ring8&model=mlp2d&hide=lab,lrG&autostart=1';

describe('embedCode', () => {
  it('adds embed=1 to the run link and keeps everything else', () => {
    const url = embedUrl(LINK);
    const back = decodeRunLink(new URL(url).search);
    expect(back.view).toMatchObject({ embed: true, hide: ['lab', 'lrG'], autostart: true });
    expect(back.config).toEqual({ dataset: 'ring8', model: 'mlp2d' });
    expect(url).toContain('hide=lab,lrG');
    expect(embedUrl(`${LINK}&embed=0`).match(/embed=/g)).toHaveLength(1);
  });

  it('is one iframe element, 800×450, allowed to be cross-origin isolated, with the URL escaped', () => {
    const code = embedCode(LINK);
    expect(code).toMatch(/^<iframe [^<>]*><\/iframe>$/);
    // Attribute values as a browser reads them (Node has no DOMParser): &amp; back to &.
    const attrs = Object.fromEntries([...code.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v.replace(/&amp;/g, '&')]));
    expect(attrs.src).toBe(embedUrl(LINK));
    expect([attrs.width, attrs.height]).toEqual(['800', '450']);
    expect(attrs.allow).toContain('cross-origin-isolated');
    expect(attrs.title).toBe('GAN Playground');
    expect(code).toContain('&amp;dataset=ring8');
  });
});
