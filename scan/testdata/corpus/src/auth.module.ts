import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';

@Module({
  imports: [
    JwtModule.register({
      global: true,
      secret: 'topSecret51',
      signOptions: { expiresIn: '60s' },
    }),
  ],
})
export class AuthModule {}
