/**
 * The contract between the mini program and the cloud functions: every function, its
 * actions, their input/output schemas and who may call them. Nothing is declared twice:
 * the functions validate with these schemas and the front end's types are inferred.
 */
import { z } from 'zod'
import { activityActions } from './actions/activity'
import { badgeActions } from './actions/badge'
import { circleActions } from './actions/circle'
import { cultivationActions } from './actions/cultivation'
import { groupActions } from './actions/group'
import { journalActions } from './actions/journal'
import { lessonActions } from './actions/lesson'
import { questionActions } from './actions/question'
import { oversightActions } from './actions/oversight'
import { rosterActions } from './actions/roster'
import { talkActions } from './actions/talk'
import { userActions } from './actions/user'
import { volunteerActions } from './actions/volunteer'

export const contract = {
  user: userActions,
  roster: rosterActions,
  group: groupActions,
  circle: circleActions,
  badge: badgeActions,
  lesson: lessonActions,
  journal: journalActions,
  activity: activityActions,
  volunteer: volunteerActions,
  talk: talkActions,
  question: questionActions,
  cultivation: cultivationActions,
  oversight: oversightActions
}

export type Contract = typeof contract
export type FunctionName = keyof Contract
export type ActionName<F extends FunctionName> = keyof Contract[F] & string
type Def<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends { input: infer I; output: infer O } ? { input: I; output: O } : never
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Def<F, A>['input'] extends z.ZodTypeAny ? z.input<Def<F, A>['input']> : never
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Def<F, A>['output'] extends z.ZodTypeAny ? z.output<Def<F, A>['output']> : never
