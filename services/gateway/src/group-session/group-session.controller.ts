import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import {
  GroupSessionDto,
  GroupSessionListDto,
  fromLive,
  fromRecord,
  summary,
} from './group-session.dto.js';
import type { SessionSnapshot } from './group-session.model.js';
import { SessionStore } from './store/session.store.js';

@ApiTags('group sessions')
@ApiBearerAuth()
@Controller()
export class GroupSessionController {
  constructor(
    private readonly store: SessionStore,
    @InjectUpstream(ACTIVITY_UPSTREAM) private readonly activity: ActivityUpstream,
  ) {}

  @Get('group-sessions/:session_id')
  @ApiOperation({
    summary: 'A group session you are or were in: live state, or the saved record once ended',
  })
  async get(
    @Param('session_id') sessionId: string,
    @CurrentUser() caller: string,
  ): Promise<GroupSessionDto> {
    const live = await this.liveSnapshot(sessionId);
    const session = live ? fromLive(live) : await this.saved(sessionId);
    const allowed =
      session.creator_id === caller || session.participants.some((p) => p.user_id === caller);
    if (!allowed) {
      throw new PermissionDeniedError('only members can see a group session');
    }
    return session;
  }

  @Get('users/:user_id/group-sessions')
  @ApiOperation({ summary: 'Your live and finished group sessions, newest first' })
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

  private async saved(sessionId: string): Promise<GroupSessionDto> {
    try {
      return fromRecord(await this.activity.call('GetGroupSession', { session_id: sessionId }));
    } catch (err) {
      if (isGrpcCallError(err) && err.code === status.NOT_FOUND) {
        throw new NotFoundError('group session not found');
      }
      throw err;
    }
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
