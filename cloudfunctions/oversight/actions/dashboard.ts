import type { z } from 'zod'
import { ALERT_KINDS, dashboardView, oversightActions } from '../../../types/actions/oversight'
import { compareText, internshipYearOf } from '../../../types/domain'
import { chinaDay } from '../../common/chinaTime'
import type { ActionContext } from '../../common/dispatcher'
import { defineAction } from '../../common/dispatcher'
import { monthsSoFar, termFor } from '../calendar'
import {
  alertCountsFor, groupsByProvince, MonthActivity, MonthLessons, monthlyActivity, monthlyLessons, openQuestions, ProvinceRow,
  Scope, shareOf, talksOfTerm, volunteerHours
} from '../figures'

type Dashboard = z.input<typeof dashboardView>

/** The branch sees every group; an advisor (who is not also the branch) the groups they advise of the year. */
export function scopeOf(ctx: ActionContext, year: string): Scope {
  if (ctx.caller.roles.includes('admin')) return { kind: 'branch' }
  const me = ctx.person()._id
  return { kind: 'advisor', personId: me, groupIds: ctx.caller.lookedAfter.filter((g) => g.year === year && g.advisorIds.includes(me)).map((g) => g._id) }
}

/** Sums province rows. */
function sumRows(rows: ProvinceRow[]): Omit<ProvinceRow, 'province'> {
  const t = { groups: 0, interns: 0, partyMembers: 0, probationary: 0, activists: 0, others: 0, flagsIssued: 0, withMentor: 0, ordinary: 0 }
  for (const r of rows) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k]
  return t
}

/** One entry per month, zero where nothing happened. */
function monthly(months: string[], groups: number, activity: MonthActivity[], lessons: MonthLessons[]): Dashboard['monthly'] {
  const a = new Map(activity.map((m) => [m.month, m]))
  const l = new Map(lessons.map((m) => [m.month, m]))
  return months.map((month) => {
    const act = a.get(month)
    const les = l.get(month)
    const groupsMet = Math.min(groups, act?.groupsMet ?? 0)
    return {
      month,
      checkins: act?.checkins ?? 0,
      meetings: act?.meetings ?? 0,
      groupsMet,
      groupsSilent: groups - groupsMet,
      lessonsPushed: les?.pushed ?? 0,
      lessonTargeted: les?.targeted ?? 0,
      lessonRead: les?.read ?? 0,
      readRate: shareOf(les?.read ?? 0, les?.targeted ?? 0)
    }
  })
}

/**
 * The year at a glance. Requests, whatever the number of groups and people: the caller;
 * the groups summed by year and province with the settings joined; then at once the
 * check-ins by month, the lessons by month, the volunteer hours (the branch's from the
 * recounted province counters), the term's talks, the
 * open questions, and (an advisor's) the alerts by kind — at most 8. An advisor without a
 * group in the year gets zeros after the second.
 */
export const dashboard = defineAction({
  contract: oversightActions.dashboard,
  handler: async (input, ctx) => {
    const today = chinaDay(ctx.now)
    const year = input.year ?? internshipYearOf(today)
    const scope = scopeOf(ctx, year)
    const { rows, settings } = await groupsByProvince(scope)
    const months = monthsSoFar(year, today)
    const term = termFor(year, today)
    const provinces = rows.filter((r) => r.year === year)
    const totals = sumRows(provinces)
    const empty = scope.kind === 'advisor' && !scope.groupIds.length
    const [activity, lessons, volunteer, talks, questions, alerts] = empty
      ? [[], [], { verified: 0, unverified: 0, records: 0, asOf: null }, { students: 0, recorded: 0 }, { open: 0, overdue: 0 }, await alertCountsFor(scope, null, year)]
      : await Promise.all([
        monthlyActivity(scope, year),
        monthlyLessons(scope, year, ctx.now),
        volunteerHours(scope, year),
        talksOfTerm(scope, term),
        openQuestions(scope, year, ctx.now, settings.cadences.questionUnansweredDays),
        alertCountsFor(scope, settings.alerts, year)
      ])
    const byMonth = monthly(months, totals.groups, activity, lessons)
    const lessonTotals = byMonth.reduce((t, m) => ({ pushed: t.pushed + m.lessonsPushed, targeted: t.targeted + m.lessonTargeted, read: t.read + m.lessonRead }), { pushed: 0, targeted: 0, read: 0 })
    const view: Dashboard = {
      year,
      years: [...new Set([...rows.map((r) => r.year), year])].sort((a, b) => compareText(b, a)),
      scope: scope.kind,
      asOf: ctx.now.toISOString(),
      months,
      term,
      totals: { groups: totals.groups, interns: totals.interns, partyMembers: totals.partyMembers, provinces: provinces.length, flagsIssued: totals.flagsIssued },
      politicalStatus: { member: totals.partyMembers - totals.probationary, probationary: totals.probationary, activist: totals.activists, others: totals.others },
      provinces: provinces.map((r) => ({ province: r.province, groups: r.groups, interns: r.interns, partyMembers: r.partyMembers, flagsIssued: r.flagsIssued })),
      monthly: byMonth,
      lessons: { ...lessonTotals, readRate: shareOf(lessonTotals.read, lessonTotals.targeted) },
      volunteer,
      circles: { withMentor: totals.withMentor, ordinary: totals.ordinary, ratio: shareOf(totals.withMentor, totals.ordinary) },
      talks: { students: talks.students, members: totals.interns, coverage: shareOf(talks.students, totals.interns), recorded: talks.recorded },
      questions,
      alerts: { total: ALERT_KINDS.reduce((n, k) => n + alerts[k], 0), byKind: alerts }
    }
    return view
  }
})
