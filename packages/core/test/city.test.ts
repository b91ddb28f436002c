import { describe, expect, it } from 'vitest';
import { cityKey } from '../src/domain/city.ts';

describe('cityKey', () => {
  it.each([
    ['Bogotá', 'bogota'],
    ['BOGOTÁ', 'bogota'],
    ['  bogota  ', 'bogota'],
    ['Medellín', 'medellin'],
    ['São  Paulo', 'sao paulo'],
    ['Cúcuta', 'cucuta'],
    ['Ñuñoa', 'nunoa'],
  ])('folds %j to %j', (city, key) => {
    expect(cityKey(city)).toBe(key);
  });

  it('matches a name written with a combining accent and with a precomposed one', () => {
    expect(cityKey('Bogota\u0301')).toBe(cityKey('Bogot\u00e1'));
  });

  it('keeps different cities apart', () => {
    expect(cityKey('Cali')).not.toBe(cityKey('Calí Norte'));
  });
});
