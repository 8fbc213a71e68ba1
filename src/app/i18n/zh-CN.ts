/**
 * 简体中文目录 (the Simplified Chinese catalogue). Same keys as en.ts: the type and
 * catalogues.test.ts both fail when one is missing. Written to read as a Chinese textbook would,
 * not word for word; terms: 生成对抗网络, 生成器, 判别器, 学习率, 正则化, 过拟合.
 */
import type { Catalogue } from './en';

export const zhCN: Catalogue = {
  language: {
    label: '语言',
  },
  notices: {
    badLang: '网址参数“lang”只能取 {languages} 之一，收到的是“{value}”，已改用浏览器的语言。',
  },
};
