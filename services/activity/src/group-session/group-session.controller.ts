import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { ActivityRequest } from '@fitness/common';
import { GroupSessionService, type GroupSessionMessage } from './group-session.service.js';

@Controller()
export class GroupSessionController {
  constructor(private readonly sessions: GroupSessionService) {}

  @GrpcMethod('ActivityService', 'SaveGroupSession')
  saveGroupSession(req: ActivityRequest<'SaveGroupSession'>): Promise<{ created: boolean }> {
    return this.sessions.save(req);
  }

  @GrpcMethod('ActivityService', 'GetGroupSession')
  getGroupSession(req: ActivityRequest<'GetGroupSession'>): Promise<GroupSessionMessage> {
    return this.sessions.get(req);
  }

  @GrpcMethod('ActivityService', 'ListGroupSessions')
  listGroupSessions(
    req: ActivityRequest<'ListGroupSessions'>,
  ): Promise<{ items: GroupSessionMessage[] }> {
    return this.sessions.list(req);
  }
}
