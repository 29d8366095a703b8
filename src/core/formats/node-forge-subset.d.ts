/**
 * The part of node-forge the core uses (legacy PKCS#12 / PEM ciphers), declared here so that
 * src/core/tsconfig.layer.json compiles without @types/node-forge, which pulls in all of Node's types.
 * src/core/tsconfig.layer.json maps 'node-forge' to this file; the root tsconfig still checks the same
 * calls against the full @types/node-forge.
 */
interface ByteBuffer {
  getBytes(count?: number): string;
}
interface DecryptionCipher {
  start(options?: string | { iv: string }): void;
  update(data: ByteBuffer): void;
  finish(): boolean;
  output: ByteBuffer;
}
type CipherAlgorithm = 'AES-CBC' | '3DES-CBC' | 'DES-CBC';

export declare const util: {
  createBuffer(bytes: string, encoding?: 'raw' | 'utf8'): ByteBuffer;
  encodeUtf8(text: string): string;
};
export declare const md: {
  md5: { create(): { update(bytes: string): void; digest(): ByteBuffer } };
};
export declare const cipher: {
  createDecipher(algorithm: CipherAlgorithm, key: string): DecryptionCipher;
};
export declare const rc2: {
  createDecryptionCipher(key: string, bits?: number): DecryptionCipher;
};
