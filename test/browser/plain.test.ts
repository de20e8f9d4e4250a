import { expect, it } from 'vitest';
it('plain', () => { expect(document.body).toBeTruthy(); });
