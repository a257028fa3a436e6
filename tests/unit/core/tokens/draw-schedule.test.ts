import { describe, expect, it } from 'vitest';
import { daysOfIsoWeek } from '../../../../core/time/iso-week';
import { nextWeekOf, pickDrawMoment, planDraws } from '../../../../core/tokens/draw-schedule';

const at = (local: string) => new Date(local).getTime();

describe('drawing tokens early', () => {
  it('knows the week after, across a year with a week 53', () => {
    expect(nextWeekOf('2026-W48')).toBe('2026-W49');
    expect(nextWeekOf('2026-W52')).toBe('2026-W53');
    expect(nextWeekOf('2026-W53')).toBe('2027-W01');
  });

  it('picks the draw moment inside the current week, before its Saturday noon', () => {
    const [mon, , , , , sat] = daysOfIsoWeek('2026-W49');
    expect(pickDrawMoment('2026-W49', 0)).toBe(at(`${mon}T00:00:00`));
    expect(pickDrawMoment('2026-W49', 0.999999)).toBeLessThan(at(`${sat}T12:00:00`));
  });

  it('on enrolling draws the current week at once and schedules next week for later', () => {
    const now = at('2026-12-01T09:00:00'); // Tuesday of 2026-W49
    const plan = planDraws(now, { weeksHeld: [], drawAt: {}, refused: [] }, () => 0.9);
    expect(plan.due).toEqual(['2026-W49']);
    expect(plan.schedule['2026-W50']).toBeGreaterThan(now);
  });

  it('never picks a moment already past when enrolling late in the week, so the two draws are not one moment', () => {
    for (const when of ['2026-12-03T16:00:00', '2026-12-05T13:00:00', '2026-12-06T22:00:00']) {
      const now = at(when); // Thursday afternoon, Saturday after noon, Sunday night of 2026-W49
      for (const r of [0, 0.5, 0.999999]) {
        const plan = planDraws(now, { weeksHeld: [], drawAt: {}, refused: [] }, () => r);
        expect(plan.due).toEqual(['2026-W49']);
        expect(plan.schedule['2026-W50']).toBeGreaterThanOrEqual(now);
        expect(plan.schedule['2026-W50']).toBeLessThan(at('2026-12-07T00:00:00'));
      }
    }
  });

  it('draws next week once its moment has passed, and never a week it holds or was refused', () => {
    const drawAt = { '2026-W50': at('2026-12-02T15:00:00') };
    const before = planDraws(at('2026-12-02T14:00:00'), { weeksHeld: ['2026-W49'], drawAt, refused: [] }, Math.random);
    expect(before.due).toEqual([]);
    const after = planDraws(at('2026-12-02T16:00:00'), { weeksHeld: ['2026-W49'], drawAt, refused: [] }, Math.random);
    expect(after.due).toEqual(['2026-W50']);
    const held = planDraws(at('2026-12-04T16:00:00'), { weeksHeld: ['2026-W49', '2026-W50'], drawAt, refused: [] }, Math.random);
    expect(held.due).toEqual([]);
    const refused = planDraws(at('2026-12-04T16:00:00'), { weeksHeld: [], drawAt, refused: ['2026-W49', '2026-W50'] }, Math.random);
    expect(refused.due).toEqual([]);
  });

  it('spreads draw moments over the week: 1,000 draws cover six days', () => {
    const moments = Array.from({ length: 1000 }, () => new Date(pickDrawMoment('2026-W49', Math.random())).getDay());
    expect(new Set(moments)).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });
});
