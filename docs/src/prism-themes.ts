// Code colours with at least 4.5:1 contrast on their backgrounds (WCAG AA). The light theme
// uses GitHub's Primer palette; the dark one is Dracula with its comment colour lightened
// (Dracula's #6272a4 is 3.0:1 on its background).
import { type PrismTheme, themes } from 'prism-react-renderer';

export const lightCodeTheme: PrismTheme = {
  plain: { color: '#1c1e21', backgroundColor: '#f6f8fa' },
  styles: [
    { types: ['comment', 'prolog', 'doctype', 'cdata'], style: { color: '#57606a', fontStyle: 'italic' } },
    { types: ['string', 'char', 'attr-value', 'regex'], style: { color: '#0a3069' } },
    { types: ['keyword', 'selector', 'important', 'atrule'], style: { color: '#cf222e' } },
    { types: ['function', 'class-name'], style: { color: '#8250df' } },
    { types: ['number', 'boolean', 'constant', 'attr-name', 'property', 'tag', 'symbol'], style: { color: '#0550ae' } },
    { types: ['variable', 'parameter', 'builtin'], style: { color: '#953800' } },
    { types: ['inserted'], style: { color: '#116329' } },
    { types: ['deleted'], style: { color: '#cf222e' } },
    { types: ['operator', 'punctuation', 'entity', 'url'], style: { color: '#1c1e21' } },
  ],
};

export const darkCodeTheme: PrismTheme = {
  ...themes.dracula,
  styles: [...themes.dracula.styles, { types: ['comment', 'prolog', 'doctype', 'cdata'], style: { color: '#a4aed6' } }],
};
