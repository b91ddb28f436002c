import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '../src/lib/router.ts';

describe('safeReturnPath (the `volver` parameter after signing in)', () => {
  it.each(['/mis-videos', '/galeria?ciudad=Bogot%C3%A1&pagina=2', '/subir#formulario'])(
    'keeps our own path %s',
    (path) => {
      expect(safeReturnPath(path, '/fallback')).toBe(path);
    },
  );

  it.each([
    null,
    '',
    'https://evil.example/x',
    '//evil.example/x',
    '/\\evil.example/x',
    '\\/evil.example/x',
    '/\t/evil.example/x',
    '/\n/evil.example/x',
    'javascript:alert(1)',
  ])('falls back for %j, which would leave the site', (value) => {
    expect(safeReturnPath(value, '/fallback')).toBe('/fallback');
  });
});
