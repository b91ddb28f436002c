/** ISO BMFF (MP4) box headers: 32-bit size, 4-character type, optional 64-bit size. */
export interface BoxHeader {
  type: string;
  /** Whole box, header included. */
  size: number;
  headerSize: number;
}

/** Reads the header at `offset` of `bytes`; `remaining` is what is left of the enclosing container. */
export function readBoxHeader(bytes: Buffer, offset: number, remaining: number): BoxHeader | undefined {
  if (bytes.length - offset < 8) return undefined;
  const size32 = bytes.readUInt32BE(offset);
  const type = bytes.toString('latin1', offset + 4, offset + 8);
  if (size32 === 1) {
    if (bytes.length - offset < 16) return undefined;
    return { type, size: Number(bytes.readBigUInt64BE(offset + 8)), headerSize: 16 };
  }
  // Size 0 means "up to the end of the enclosing container".
  return { type, size: size32 === 0 ? remaining : size32, headerSize: 8 };
}

/** The direct children of a container payload, by type; malformed children end the walk. */
export function childBoxes(payload: Buffer): Map<string, Buffer[]> {
  const children = new Map<string, Buffer[]>();
  let offset = 0;
  while (offset < payload.length) {
    const header = readBoxHeader(payload, offset, payload.length - offset);
    if (!header || header.size < header.headerSize || offset + header.size > payload.length) break;
    const body = payload.subarray(offset + header.headerSize, offset + header.size);
    children.set(header.type, [...(children.get(header.type) ?? []), body]);
    offset += header.size;
  }
  return children;
}

export function firstChild(payload: Buffer | undefined, ...path: string[]): Buffer | undefined {
  let current = payload;
  for (const type of path) {
    if (!current) return undefined;
    current = childBoxes(current).get(type)?.[0];
  }
  return current;
}
