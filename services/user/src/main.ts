import { USER_PROTO, runGrpcService } from '@fitness/common';
import { AppModule } from './app.module.js';

runGrpcService(AppModule, USER_PROTO, 'user');
