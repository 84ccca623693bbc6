import * as v from 'valibot';
import { oneOf, str, url } from './define';

const secret = (description: string) => ({ group: 'images' as const, secret: true, description });

export const mediaSettings = {
  TTS_MODEL: str('gemini-2.5-flash-preview-tts', { group: 'tts', description: 'Model for /v1/audio/speech.' }),
  TTS_VOICE_NAME: str('Zephyr', { group: 'tts', description: 'Default voice.' }),
  TTS_SPEED: oneOf(['slow', 'normal', 'fast'], 'normal', { group: 'tts', description: 'Speaking speed.' }),

  PAID_KEY: str(
    '',
    {
      group: 'images',
      store: 'keys',
      secret: true,
      description: 'Paid Gemini key for Imagen (/v1/images/generations).',
      example: 'AIzaSy...',
    },
    v.pipe(v.string(), v.maxLength(255)),
  ),
  CREATE_IMAGE_MODEL: str('imagen-3.0-generate-002', { group: 'images', description: 'Imagen model.' }),
  UPLOAD_PROVIDER: oneOf(['smms', 'picgo', 'cloudflare_imgbed', 'aliyun_oss'], 'smms', {
    group: 'images',
    description: 'Where generated images are uploaded.',
  }),
  SMMS_SECRET_TOKEN: str('', secret('SM.MS token.')),
  SMMS_API_URL: url('https://sm.ms/api/v2/upload', {
    group: 'images',
    description: 'SM.MS upload URL (its API moves between domains; gemini-balance had it fixed).',
  }),
  PICGO_API_KEY: str('', secret('PicGo API key.')),
  PICGO_API_URL: url('https://www.picgo.net/api/1/upload', { group: 'images', description: 'PicGo upload URL.' }),
  CLOUDFLARE_IMGBED_URL: str('', { group: 'images', description: 'CloudFlare-ImgBed upload URL.' }),
  CLOUDFLARE_IMGBED_AUTH_CODE: str('', secret('CloudFlare-ImgBed auth code.')),
  CLOUDFLARE_IMGBED_UPLOAD_FOLDER: str('', { group: 'images', description: 'CloudFlare-ImgBed folder.' }),
  OSS_ENDPOINT: str('', { group: 'images', description: 'Aliyun OSS endpoint.' }),
  OSS_ENDPOINT_INNER: str('', { group: 'images', description: 'Aliyun OSS internal endpoint (kept for compatibility).' }),
  OSS_ACCESS_KEY: str('', secret('Aliyun OSS access key id.')),
  OSS_ACCESS_KEY_SECRET: str('', secret('Aliyun OSS access key secret.')),
  OSS_BUCKET_NAME: str('', { group: 'images', description: 'Aliyun OSS bucket.' }),
  OSS_REGION: str('', { group: 'images', description: 'Aliyun OSS region.' }),
};
