import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { status } from '@grpc/grpc-js';
import {
  ACTIVITY_UPSTREAM,
  InjectUpstream,
  NotFoundError,
  PermissionDeniedError,
  isGrpcCallError,
  type ActivityUpstream,
} from '@fitness/common';
import { CurrentUser } from '../auth/auth.decorators.js';
import { UuidParam } from '../http/validation.js';
import { ApiErrors, ApiUserIdParam, UPSTREAM_ERRORS } from '../http/api-docs.js';
import {
  GroupSessionDto,
  GroupSessionListDto,
  fromLive,
  fromRecord,
  summary,
} from './group-session.dto.js';
import type { FinishedSession, SessionSnapshot } from './group-session.model.js';
import { OutboxStore } from '../session-outbox/outbox.store.js';
import { SessionStore } from './store/session.store.js';

@ApiTags('group sessions')
@ApiErrors(401, 403, ...UPSTREAM_ERRORS)
@Controller()
export class GroupSessionController {
  constructor(
    private readonly store: SessionStore,
    private readonly outbox: OutboxStore,
    @InjectUpstream(ACTIVITY_UPSTREAM) private readonly activity: ActivityUpstream,
  ) {}

  @Get('group-sessions/:session_id')
  @ApiOperation({
    summary: 'Read a group session',
    description:
      'For members and former members: its live state while active; once ended, its full record (saved: false while it waits to be stored).',
  })
  @ApiParam({ name: 'session_id', format: 'uuid', description: 'the session_id of its creation' })
  @ApiOkResponse({ type: GroupSessionDto, description: 'The group session' })
  @ApiErrors(400, 404)
  async get(
    @UuidParam('session_id') sessionId: string,
    @CurrentUser() caller: string,
  ): Promise<GroupSessionDto> {
    const live = await this.liveSnapshot(sessionId);
    const session = live?.status === 'active' ? fromLive(live) : await this.ended(sessionId, live);
    const allowed =
      session.creator_id === caller || session.participants.some((p) => p.user_id === caller);
    if (!allowed) {
      throw new PermissionDeniedError('only members can see a group session');
    }
    return session;
  }

  @Get('users/:user_id/group-sessions')
  @ApiOperation({
    summary: 'List your group sessions',
    description: 'Live and finished, newest first.',
  })
  @ApiUserIdParam()
  @ApiOkResponse({ type: GroupSessionListDto, description: 'Your group sessions' })
  async list(@Param('user_id') userId: string): Promise<GroupSessionListDto> {
    const [live, saved] = await Promise.all([
      this.store.sessionsOf(userId).catch(() => []),
      this.activity.call('ListGroupSessions', { user_id: userId, limit: 100 }),
    ]);
    const savedIds = new Set(saved.items.map((s) => s.session_id));
    const items = [
      ...live.filter((m) => !savedIds.has(m.session_id)).map((m) => summary(m)),
      ...saved.items.map((r) => summary({ ...r, status: 'ended' })),
    ].sort((a, b) => b.started_at.localeCompare(a.started_at));
    return { items };
  }

  /**
   * An ended session: the record the activity service stored, else the one still in the outbox
   * (or set aside there), else what Redis still holds of it.
   */
  private async ended(sessionId: string, live?: SessionSnapshot): Promise<GroupSessionDto> {
    let unreachable: Error | undefined;
    try {
      return {
        ...fromRecord(await this.activity.call('GetGroupSession', { session_id: sessionId })),
        saved: true,
      };
    } catch (err) {
      if (!isGrpcCallError(err) || err.code !== status.NOT_FOUND) {
        // The activity service cannot tell: what the gateway holds still answers, if anything.
        unreachable = err instanceof Error ? err : new Error(String(err));
      }
    }
    const pending = await this.outbox.pendingRecord(sessionId).catch(() => undefined);
    if (pending) {
      return { ...fromRecord(JSON.parse(pending) as FinishedSession), saved: false };
    }
    if (live) {
      return { ...fromLive(live), saved: false };
    }
    if (unreachable) {
      throw unreachable;
    }
    throw new NotFoundError('group session not found');
  }

  /** Live state unless Redis is unreachable (then the saved record is the answer). */
  private async liveSnapshot(sessionId: string): Promise<SessionSnapshot | undefined> {
    try {
      return await this.store.snapshot(sessionId);
    } catch {
      return undefined;
    }
  }
}
