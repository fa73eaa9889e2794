import {
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Param,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { status } from '@grpc/grpc-js';
import { isServiceError } from '@fitness/common';
import { CurrentUser } from '../auth/auth.decorators.js';
import { grpcMetadata } from '../common/correlation.js';
import { ACTIVITY_CLIENT, type ActivityClient } from '../upstream/upstream.module.js';
import {
  GroupSessionDto,
  GroupSessionListDto,
  fromLive,
  fromRecord,
  summary,
} from './group-session.dto.js';
import { GroupSessionStore } from './group-session.store.js';

@ApiTags('group sessions')
@ApiBearerAuth()
@Controller()
export class GroupSessionController {
  constructor(
    private readonly store: GroupSessionStore,
    @Inject(ACTIVITY_CLIENT) private readonly activity: ActivityClient,
  ) {}

  @Get('group-sessions/:session_id')
  @ApiOperation({
    summary: 'A group session you are or were in: live state, or the saved record once ended',
  })
  async get(
    @Param('session_id') sessionId: string,
    @CurrentUser() caller: string,
    @Req() req: FastifyRequest,
  ): Promise<GroupSessionDto> {
    const live = await this.liveSnapshot(sessionId);
    let session: GroupSessionDto;
    if (live) {
      session = fromLive(live);
    } else {
      try {
        session = fromRecord(
          await this.activity.call(
            'GetGroupSession',
            { session_id: sessionId },
            { metadata: grpcMetadata(req) },
          ),
        );
      } catch (err) {
        if (isServiceError(err) && err.code === status.NOT_FOUND) {
          throw new NotFoundException('group session not found');
        }
        throw err;
      }
    }
    const allowed =
      session.creator_id === caller || session.participants.some((p) => p.user_id === caller);
    if (!allowed) {
      throw new ForbiddenException('only members can see a group session');
    }
    return session;
  }

  @Get('users/:user_id/group-sessions')
  @ApiOperation({ summary: 'Your live and finished group sessions, newest first' })
  async list(
    @Param('user_id') userId: string,
    @Req() req: FastifyRequest,
  ): Promise<GroupSessionListDto> {
    const [live, saved] = await Promise.all([
      this.store.sessionsOf(userId).catch(() => []),
      this.activity.call(
        'ListGroupSessions',
        { user_id: userId, limit: 100 },
        { metadata: grpcMetadata(req) },
      ),
    ]);
    const savedIds = new Set(saved.items.map((s) => s.session_id));
    const items = [
      ...live.filter((m) => !savedIds.has(m.session_id)).map((m) => summary(m)),
      ...saved.items.map((r) => summary({ ...r, status: 'ended' })),
    ].sort((a, b) => b.started_at.localeCompare(a.started_at));
    return { items };
  }

  /** Live state unless Redis is unreachable (then the saved record is the answer). */
  private async liveSnapshot(sessionId: string) {
    try {
      return await this.store.snapshot(sessionId);
    } catch {
      return undefined;
    }
  }
}
