import { describe, expect, it } from 'vitest';
import { linksIn } from '../src/index.ts';

describe('linksIn', () => {
  it('finds every http(s) link in order, once each', () => {
    const text = [
      'Confirma: https://anb.test/verificar-correo?token=a1_b2-c3',
      'Otra vez: https://anb.test/verificar-correo?token=a1_b2-c3',
      'Ayuda en http://localhost:8080/ayuda#correo',
    ].join('\n');
    expect(linksIn(text)).toEqual([
      'https://anb.test/verificar-correo?token=a1_b2-c3',
      'http://localhost:8080/ayuda#correo',
    ]);
  });

  it('leaves the sentence punctuation after a link out of it', () => {
    expect(linksIn('Abre https://anb.test/x?token=abc. (o https://anb.test/y), ¡listo!')).toEqual([
      'https://anb.test/x?token=abc',
      'https://anb.test/y',
    ]);
  });

  it('ignores other schemes and text without links', () => {
    expect(linksIn('Escribe a mailto:ayuda@anb.test o visita ftp://anb.test; nada más.')).toEqual([]);
  });
});
