import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { UserRequest } from '@fitness/common';
import type { UserMessage } from './user.dto.js';
import { UserService, type LoginResult } from './user.service.js';

@Controller()
export class UserController {
  constructor(private readonly users: UserService) {}

  @GrpcMethod('UserService', 'Register')
  register(req: UserRequest<'Register'>): Promise<UserMessage> {
    return this.users.register(req);
  }

  @GrpcMethod('UserService', 'Login')
  login(req: UserRequest<'Login'>): Promise<LoginResult> {
    return this.users.login(req);
  }

  @GrpcMethod('UserService', 'GetUser')
  getUser(req: UserRequest<'GetUser'>): Promise<UserMessage> {
    return this.users.get(req.user_id);
  }

  @GrpcMethod('UserService', 'UpdateUser')
  updateUser(req: UserRequest<'UpdateUser'>): Promise<UserMessage> {
    return this.users.update(req);
  }
}
