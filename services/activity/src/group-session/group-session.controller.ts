import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import type { ActivityServiceDefinition, HandlerRequestOf } from '@fitness/common';
import { GroupSessionService, type GroupSessionMessage } from './group-session.service.js';

type Req<K extends keyof ActivityServiceDefinition> = HandlerRequestOf<
  ActivityServiceDefinition,
  K
>;

@Controller()
export class GroupSessionController {
  constructor(private readonly sessions: GroupSessionService) {}

  @GrpcMethod('ActivityService', 'SaveGroupSession')
  saveGroupSession(
    req: Req<'SaveGroupSession'>,
    metadata: Metadata,
  ): Promise<{ created: boolean }> {
    return this.sessions.save(req, metadata);
  }

  @GrpcMethod('ActivityService', 'GetGroupSession')
  getGroupSession(req: Req<'GetGroupSession'>): Promise<GroupSessionMessage> {
    return this.sessions.get(req);
  }

  @GrpcMethod('ActivityService', 'ListGroupSessions')
  listGroupSessions(req: Req<'ListGroupSessions'>): Promise<{ items: GroupSessionMessage[] }> {
    return this.sessions.list(req);
  }
}
