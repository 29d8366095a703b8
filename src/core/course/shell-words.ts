/**
 * Splits a shell command line into words the way a POSIX shell would for the simple commands
 * the lessons ask for: single and double quotes, backslash escapes, backslash-newline
 * continuations, and `#` comments. Variables, globs and pipes are left as they are (a pipe
 * or `;` is its own word), which is enough to read which options a command gives.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const s = line.replace(/\\\r?\n/g, ' ');
  while (i < s.length) {
    const c = s[i];
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      word += s.slice(i + 1, end < 0 ? s.length : end);
      inWord = true;
      i = end < 0 ? s.length : end + 1;
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length && '"\\$`'.includes(s[i + 1])) i++;
        word += s[i];
        i++;
      }
      inWord = true;
      i++;
    } else if (c === '\\' && i + 1 < s.length) {
      word += s[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === '#' && !inWord) {
      const nl = s.indexOf('\n', i);
      i = nl < 0 ? s.length : nl;
    } else if (c === '|' || c === ';' || c === '&') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      words.push(c);
      i++;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
