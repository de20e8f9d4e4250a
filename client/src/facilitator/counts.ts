/** Counts said with their noun, singular or plural ("1 group", "3 groups"), for the console's table figures. */
import { msg, str } from '@lit/localize';

export const groupsWord = (n: number): string => (n === 1 ? msg('1 group', { id: 'facilitator.count.group' }) : msg(str`${n} groups`, { id: 'facilitator.count.groups' }));

export const peopleWord = (n: number): string => (n === 1 ? msg('1 person', { id: 'facilitator.count.person' }) : msg(str`${n} people`, { id: 'facilitator.count.people' }));
