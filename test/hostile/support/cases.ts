/** Hostile documents shared by the hostile tests and the fuzz run. */

export function binaryDoc(fields: string, serialization: 'BINARY' | 'BINARY2', base64 = 'AAAAAAAAAAAA'): string {
  return (
    `<?xml version="1.0"?><VOTABLE version="1.4"><RESOURCE type="results"><TABLE>${fields}` +
    `<DATA><${serialization}><STREAM encoding="base64">${base64}</STREAM></${serialization}></DATA></TABLE></RESOURCE></VOTABLE>`
  );
}

export const ZERO_WIDTH_CASES: Array<[string, string]> = [
  ['BINARY, arraysize="0"', binaryDoc('<FIELD name="a" datatype="int" arraysize="0"/>', 'BINARY')],
  [
    'BINARY, arraysize="0x3"',
    binaryDoc('<FIELD name="a" datatype="double" arraysize="0x3"/><FIELD name="b" datatype="char" arraysize="0"/>', 'BINARY'),
  ],
  ['BINARY, no FIELD', binaryDoc('', 'BINARY')],
  ['BINARY2, no FIELD', binaryDoc('', 'BINARY2')],
];
