import { Module } from '@nestjs/common';

/** The annual report's figures, paragraph and files (issue 7). */
@Module({})
export class ReportsModule {}
