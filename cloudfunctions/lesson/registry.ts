import type { lessonActions } from '../../types/actions/lesson'
import type { DomainRegistry } from '../common/dispatcher'
import { answerQuiz } from './actions/answerQuiz'
import { discard } from './actions/discard'
import { edit } from './actions/edit'
import { exportFigures } from './actions/exportFigures'
import { figures } from './actions/figures'
import { get } from './actions/get'
import { list } from './actions/list'
import { manage } from './actions/manage'
import { markRead } from './actions/markRead'
import { publish } from './actions/publish'
import { review } from './actions/review'
import { save } from './actions/save'
import { subscribe } from './actions/subscribe'
import { unread } from './actions/unread'
import { uploadTicket } from './actions/uploadTicket'

/** `lesson`: micro Party lessons, from composing to reading and the read figures. */
export const registry = {
  save, publish, review, discard, edit, manage, list, get, markRead, answerQuiz, figures, unread, exportFigures, uploadTicket, subscribe
} satisfies DomainRegistry<typeof lessonActions>
