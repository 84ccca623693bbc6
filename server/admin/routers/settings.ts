import { TRPCError } from '@trpc/server';
import * as v from 'valibot';
import { settingsCatalog } from '../../settings/schema';
import { clearedCookie } from '../session';
import { applySettings, SettingsRejected } from '../settings/apply-settings';
import { changeAuthToken } from '../settings/auth-token-change';
import { checkProxies } from '../settings/check-proxies';
import { testUpload } from '../settings/test-upload';
import { settingsView } from '../settings/settings-view';
import { editableNames } from '../settings/stored-names';
import { adminProcedure, router } from '../trpc';

const Changes = v.record(v.string(), v.unknown());
const EXPORT_FORMAT = 'gemini-balance-ts/settings@1';
const ExportFile = v.object({ format: v.literal(EXPORT_FORMAT, `not a settings export of this server (format ${EXPORT_FORMAT})`), settings: Changes });

/** A refused save is the user's to fix: 400 with one message per field. */
async function save(run: () => Promise<string[]>) {
  try {
    return { saved: await run() };
  } catch (error) {
    if (error instanceof SettingsRejected) throw new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
    throw error;
  }
}

export const settingsRouter = router({
  /** Every editable setting (secrets masked), grouped data for the dashboard, and env-vs-database differences. */
  get: adminProcedure.query(({ ctx }) => settingsView(ctx.deps.settings.current, ctx.deps.settings.differences)),

  /** Changed settings only; all are validated before any is written, and applied at once. */
  update: adminProcedure.input(v.object({ changes: Changes })).mutation(({ ctx, input }) => save(() => applySettings(ctx.deps, input.changes))),

  /** Checks outbound proxies (the saved PROXIES when none are given) → one result per proxy, in order. */
  checkProxies: adminProcedure
    .input(v.object({ proxies: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(2000))), v.maxLength(200, 'At most 200 proxies at once.'))) }))
    .mutation(({ ctx, input }) => checkProxies(ctx.deps, input.proxies ?? ctx.deps.settings.current.PROXIES)),

  /** Uploads a test image with the image-host settings (unsaved edits from the page over the saved ones). */
  testUpload: adminProcedure
    .input(v.object({ overrides: v.optional(Changes) }))
    .mutation(({ ctx, input }) => testUpload(ctx.deps, input.overrides ?? {})),

  reset: adminProcedure.mutation(({ ctx }) =>
    save(() => applySettings(ctx.deps, Object.fromEntries(editableNames.map((name) => [name, structuredClone(settingsCatalog[name].default)])))),
  ),

  /** Every editable setting in full, secrets included: a backup the admin downloads. */
  export: adminProcedure.query(({ ctx }) => ({
    format: EXPORT_FORMAT,
    exportedAt: ctx.deps.now(),
    settings: Object.fromEntries(editableNames.map((name) => [name, ctx.deps.settings.current[name as keyof typeof ctx.deps.settings.current]])),
  })),

  import: adminProcedure.input(ExportFile).mutation(({ ctx, input }) => save(() => applySettings(ctx.deps, input.settings))),

  changeAuthToken: adminProcedure
    .input(v.object({ token: v.pipe(v.string(), v.minLength(8, 'AUTH_TOKEN must have at least 8 characters.'), v.maxLength(200)) }))
    .mutation(async ({ ctx, input }) => {
      await changeAuthToken(ctx.deps, input.token);
      ctx.resHeaders.append('set-cookie', clearedCookie(ctx.https));
      return { loggedOut: true };
    }),
});
