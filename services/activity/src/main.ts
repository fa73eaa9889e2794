import { ACTIVITY_PROTO, runGrpcService } from '@fitness/common';
import { AppModule } from './app.module.js';

runGrpcService(AppModule, ACTIVITY_PROTO, 'activity');
