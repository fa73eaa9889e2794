import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { HandlerRequestOf, UserServiceDefinition } from '@fitness/common';
import type { UserMessage } from './user.dto.js';
import { UserService, type LoginResult } from './user.service.js';

type Req<K extends keyof UserServiceDefinition> = HandlerRequestOf<UserServiceDefinition, K>;

@Controller()
export class UserController {
  constructor(private readonly users: UserService) {}

  @GrpcMethod('UserService', 'Register')
  register(req: Req<'Register'>): Promise<UserMessage> {
    return this.users.register(req);
  }

  @GrpcMethod('UserService', 'Login')
  login(req: Req<'Login'>): Promise<LoginResult> {
    return this.users.login(req);
  }

  @GrpcMethod('UserService', 'GetUser')
  getUser(req: Req<'GetUser'>): Promise<UserMessage> {
    return this.users.get(req.user_id);
  }

  @GrpcMethod('UserService', 'UpdateUser')
  updateUser(req: Req<'UpdateUser'>): Promise<UserMessage> {
    return this.users.update(req);
  }
}
