import { Module } from '@nestjs/common';
import { SequraClient } from './sequra-client.js';

@Module({ providers: [SequraClient], exports: [SequraClient] })
export class SequraModule {}
