/**
 * @lit/localize finds a translation by the message's id, and hashes the English text (FNV-1a 64)
 * into one when a msg() call names none. Every msg() of ours names its id (test/i18n.test.ts
 * finds messages by it; test/build-plugins.test.ts checks that none goes without), so the hashing
 * is never used, yet every face bundled it: this plugin takes it out of runtime-msg.js.
 */
import type { Plugin } from 'vite';

const RUNTIME_MSG = /[\\/]@lit[\\/]localize[\\/]internal[\\/]runtime-msg\.js$/;
const IMPORT = "import { generateMsgId } from './id-generation.js';\n";
const CACHE = 'const hashCache = new Map();\n';
const LOOKUP = 'const id = options?.id ?? generateId(template);';

/** @lit/localize's runtime-msg.js looking messages up by their given id only; throws when its shape changed. */
export function withoutMessageHashing(source: string): string {
  const generateId = /\nfunction generateId\(template\) \{[\s\S]*?\n\}\n/;
  if (![IMPORT, CACHE, LOOKUP].every((part) => source.includes(part)) || !generateId.test(source)) {
    throw new Error("@lit/localize's internal/runtime-msg.js changed shape: check client/build/without-message-hashing.ts");
  }
  return source.replace(IMPORT, '').replace(CACHE, '').replace(LOOKUP, 'const id = options?.id;').replace(generateId, '\n');
}

export function dropMessageHashing(): Plugin {
  return {
    name: 'tablecloth-without-message-hashing',
    transform: {
      filter: { id: RUNTIME_MSG },
      handler(code) {
        return { code: withoutMessageHashing(code), map: null };
      },
    },
  };
}
