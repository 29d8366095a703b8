/** Plain-language text for each TlsReadError: what was received, what was expected. */
import type { TlsReadError } from './reader.ts';

export function describeTlsReadError(e: TlsReadError): string {
  switch (e.kind) {
    case 'NotTls':
      return `not TLS: ${e.hint} (first bytes ${e.firstBytesHex})`;
    case 'Truncated':
      return `${e.what} is cut short: ${e.needed} bytes needed, ${e.available} available`;
    case 'RecordTooLong':
      return `record ${e.recordIndex} claims ${e.length} bytes; TLS allows at most ${e.max}`;
    case 'TooManyRecords':
      return `the server cut its handshake into more than ${e.max} records (${e.bytesRead} bytes read); a real server needs a few dozen`;
    case 'MessageTooLong':
      return `the ${e.message} message claims ${e.length} bytes; at most ${e.max} are accepted`;
    case 'Malformed':
      return `${e.what} is malformed: ${e.reason}`;
    case 'UnexpectedMessage':
      return `received ${e.received}, expected ${e.expected}`;
    case 'MissingSecret':
      return `the key log has no ${e.label}, so the TLS 1.3 handshake cannot be decrypted`;
    case 'CannotDecrypt':
      return `cannot decrypt ${e.cipherSuite}: ${e.reason}`;
    case 'DecryptFailed':
      return `record ${e.recordIndex} did not decrypt: ${e.reason}`;
  }
}
