/**
 * Every way inspecting an input can fail, as named, typed errors that say what was
 * received, what was expected and what to do. Plain data (JSON-friendly) so the CLI,
 * the widget and tests all show and compare the same thing.
 */
import { DerError } from '../der/errors.ts';

export type InspectErrorKind =
  | 'InputTooLarge'
  | 'EmptyInput'
  | 'NotBase64'
  | 'PemUnterminated'
  | 'PemLabelMismatch'
  | 'UnsupportedPemLabel'
  | 'UnknownFormat'
  | 'MalformedDer'
  | 'PasswordRequired'
  | 'WrongPassword'
  | 'WrongKeystorePassword'
  | 'MalformedKeystore'
  | 'UnsupportedEncryption'
  | 'WrongObjectKind'
  | 'TooManyProblems'
  | 'Internal';

export interface InspectError {
  kind: InspectErrorKind;
  /** One sentence a person can read: "line 7 is not base64". */
  message: string;
  received: string;
  expected: string;
  /** What to do next. */
  action: string;
  line?: number;
  offset?: number;
  /** PEM label or container the error is about. */
  label?: string;
}

/** Default input cap: 10 MB. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export const inspectErrors = {
  tooLarge(size: number, max: number): InspectError {
    return {
      kind: 'InputTooLarge',
      message: `the input is ${mb(size)}, more than the ${mb(max)} this tool reads`,
      received: `${size} bytes`,
      expected: `at most ${max} bytes`,
      action: 'Inspect the files one at a time; a certificate bundle is rarely more than a few hundred kilobytes.',
    };
  },
  empty(): InspectError {
    return {
      kind: 'EmptyInput',
      message: 'the input is empty',
      received: '0 bytes (or only whitespace)',
      expected: 'a certificate, key, CSR, CRL, PKCS#7 or PKCS#12 file, or s_client output',
      action: 'Paste the text of a .pem/.crt file, or choose a file.',
    };
  },
  notBase64(label: string, line: number, column: number, char: string): InspectError {
    const shown = char === '' ? 'the end of the block' : JSON.stringify(char);
    return {
      kind: 'NotBase64',
      message: `line ${line} is not base64 (${shown} at column ${column}, inside the ${label} block)`,
      received: `${shown} at line ${line}, column ${column}`,
      expected: 'only A-Z a-z 0-9 + / and = padding between the BEGIN and END lines',
      action: 'Copy the block again from its source; an editor or chat tool may have changed or cut characters.',
      line,
      label,
    };
  },
  badLength(label: string, line: number): InspectError {
    return {
      kind: 'NotBase64',
      message: `the ${label} block ends in the middle of a base64 group (line ${line}); part of it is missing`,
      received: 'a base64 text whose length is not a multiple of 4',
      expected: 'complete base64 groups of 4 characters',
      action: 'Copy the whole block again, from BEGIN to END.',
      line,
      label,
    };
  },
  unterminated(label: string, line: number): InspectError {
    return {
      kind: 'PemUnterminated',
      message: `the ${label} block that starts on line ${line} has no END line`,
      received: `-----BEGIN ${label}----- without -----END ${label}-----`,
      expected: `a closing -----END ${label}----- line`,
      action: 'Copy the block again including its last line.',
      line,
      label,
    };
  },
  labelMismatch(label: string, endLabel: string, line: number): InspectError {
    return {
      kind: 'PemLabelMismatch',
      message: `the ${label} block ends with END ${endLabel} on line ${line}`,
      received: `-----END ${endLabel}-----`,
      expected: `-----END ${label}-----`,
      action: 'Two blocks were probably pasted into each other; copy them again one by one.',
      line,
      label,
    };
  },
  unsupportedLabel(label: string, line: number): InspectError {
    return {
      kind: 'UnsupportedPemLabel',
      message: `a PEM block labelled "${label}" (line ${line}) is not something this tool reads`,
      received: `-----BEGIN ${label}-----`,
      expected: 'CERTIFICATE, TRUSTED CERTIFICATE, X509 CRL, CERTIFICATE REQUEST, PRIVATE KEY, RSA/EC PRIVATE KEY, ENCRYPTED PRIVATE KEY, PUBLIC KEY or PKCS7',
      action: 'If this is a DH or EC parameter file or an SSH key, it is not part of a certificate chain.',
      line,
      label,
    };
  },
  unknownFormat(received: string): InspectError {
    return {
      kind: 'UnknownFormat',
      message: 'no certificate, key, CSR, CRL, PKCS#7, PKCS#12 or s_client output was found in the input',
      received,
      expected: 'PEM blocks (-----BEGIN …-----), DER bytes, base64 of DER, or `openssl s_client -showcerts` output',
      action: 'Check that this is the right file; a .crt may be a Windows shortcut or an HTML error page saved by a browser.',
    };
  },
  malformed(what: string, e: DerError, line?: number, label?: string): InspectError {
    return {
      kind: 'MalformedDer',
      message: `the ${what} is damaged: ${e.received} at byte ${e.offset} where ${e.expected} should be`,
      received: e.received,
      expected: e.expected,
      action:
        e.kind === 'Truncated'
          ? 'The data is cut short; copy or download it again in full.'
          : 'The bytes are not a valid structure; get the file again from its source.',
      offset: e.offset,
      line,
      label,
    };
  },
  passwordRequired(what: string): InspectError {
    return {
      kind: 'PasswordRequired',
      message: `this ${what} is protected by a password`,
      received: `an encrypted ${what}`,
      expected: 'the password it was exported with',
      action: 'Enter the password (the export password of the .p12/.pfx, or the key pass phrase).',
    };
  },
  wrongPassword(what: string, detail: string): InspectError {
    return {
      kind: 'WrongPassword',
      message: `wrong password for this ${what} (${detail})`,
      received: 'a password that does not open it',
      expected: 'the password it was exported with',
      action: 'Try again; passwords are case-sensitive. An empty password is tried automatically when none is given.',
    };
  },
  wrongKeystorePassword(type: string): InspectError {
    return {
      kind: 'WrongKeystorePassword',
      message: `wrong store password for this ${type} keystore: its integrity digest does not match`,
      received: 'a password whose digest differs from the one stored at the end of the file',
      expected: 'the store password (-storepass; "changeit" for a JDK cacerts)',
      action:
        'Every alias and certificate is still listed below (they are stored in the clear); try the store password again to check the file and open its keys.',
    };
  },
  malformedKeystore(type: string, detail: string): InspectError {
    return {
      kind: 'MalformedKeystore',
      message: `the ${type} keystore is damaged: ${detail}`,
      received: detail,
      expected: `a complete ${type} keystore as keytool writes it`,
      action: 'Copy or download the keystore again in full (binary, not as text), or list it with `keytool -list -v -keystore FILE` and paste that.',
    };
  },
  unsupportedEncryption(what: string, scheme: string): InspectError {
    return {
      kind: 'UnsupportedEncryption',
      message: `this ${what} uses ${scheme}, which this tool cannot open`,
      received: scheme,
      expected: 'PBES2 (AES or 3DES), or the PKCS#12 RC2/3DES schemes',
      action: `Re-export it with a current tool, e.g. \`openssl pkcs12 -in old.p12 -legacy -nodes | openssl pkcs12 -export -out new.p12\`.`,
    };
  },
  wrongKind(received: string, expected: string): InspectError {
    return {
      kind: 'WrongObjectKind',
      message: `this is ${received}, not ${expected}`,
      received,
      expected,
      action: `Give the file that holds ${expected}.`,
    };
  },
  tooManyProblems(shown: number, omitted: number): InspectError {
    return {
      kind: 'TooManyProblems',
      message: `${omitted} more broken PEM blocks after the first ${shown} were not listed`,
      received: `${shown + omitted} broken PEM blocks`,
      expected: 'complete PEM blocks, each BEGIN line with its END line',
      action: 'This is probably not a certificate file, or it was cut up; fix the first problems listed and try again.',
    };
  },
  internal(e: unknown): InspectError {
    return {
      kind: 'Internal',
      message: `the inspector failed unexpectedly: ${(e as Error)?.message ?? String(e)}`,
      received: 'an input that triggered a bug',
      expected: 'any input to give a result or a named error',
      action: 'Please report this input (without private keys).',
    };
  },
};

/** A typed error carried through `throw`, for callers that prefer exceptions. */
export class InspectFailure extends Error {
  readonly error: InspectError;
  constructor(error: InspectError) {
    super(error.message);
    this.name = 'InspectFailure';
    this.error = error;
  }
}
