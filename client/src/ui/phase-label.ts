/** The café's phase in words, in the person's language. */
import { msg, str } from '@lit/localize';
import type { Phase } from '../../../shared/domain/state.js';

export function phaseLabel(phase: Phase): string {
  switch (phase.kind) {
    case 'setup':
      return msg('Getting ready', { id: 'phase.setup' });
    case 'lobby':
      return msg('Arriving', { id: 'phase.lobby' });
    case 'round':
      return msg(str`Round ${phase.round + 1}`, { id: 'phase.round' });
    case 'travel':
      return msg(str`Changing tables before round ${phase.round + 1}`, { id: 'phase.travel' });
    case 'harvest':
      return msg('Harvest', { id: 'phase.harvest' });
    case 'closed':
      return msg('Closed', { id: 'phase.closed' });
  }
}
