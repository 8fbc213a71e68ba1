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
  metrics: {
    step: '步数',
    epoch: '轮次',
    dLoss: '判别器损失（对抗）',
    gLoss: '生成器损失（对抗）',
    gL1: '生成器 L1 惩罚',
    gL2: '生成器 L2 惩罚',
    dL1: '判别器 L1 惩罚',
    dL2: '判别器 L2 惩罚',
    dReal: 'D(真实)',
    dFake: 'D(生成)',
    gGradNorm: '生成器梯度范数',
    dGradNorm: '判别器梯度范数',
    r1: 'R1 惩罚',
    gp: 'WGAN-GP 惩罚',
    noiseSigma: '实例噪声 σ',
    lrScale: '学习率系数',
    theta: 'Dirac-GAN θ（生成器）',
    psi: 'Dirac-GAN ψ（判别器）',
  },
  charts: {
    panelTitle: '训练曲线',
    empty: '点击“开始”或“单步”进行训练，曲线会显示在这里。',
    newestValues: '{title}：最新数值',
    tableOfValues: '数值表',
    tableRegion: '{title}：数值表',
    tableCaption: '{title}（逐步）',
    tooltipStep: '第 {step} 步',
    baselineSeries: '基线 {id}：{series}',
    qualitySummary: '训练过程中的生成质量',
    weightsSummary: '生成器与判别器的权重',
    losses: {
      title: '损失',
      description: '判别器与生成器每一步的对抗损失。二者相互牵制：训练正常时，哪一个都不应降到零。',
    },
    penalties: {
      title: '权重惩罚',
      description: '加到各网络损失上的 L1 项和 L2 项，即系数乘以权重绝对值之和或平方和。滑块关闭时为零。',
    },
    verdicts: {
      title: '判别器的判断 P(真实)',
      description: '判别器认为真实样本和生成样本为“真”的平均概率。两者都接近 0.5，说明判别器已无法区分真假。',
    },
    scores: {
      title: '判别器的打分',
      description: '判别器给真实样本和生成样本的平均原始分数（这种损失不输出概率：分数越高越像真的）。两条曲线之间的差距，就是判别器学到的分辨能力。',
    },
    regularizers: {
      title: '梯度惩罚',
      description: 'R1 项（γ/2 乘以判别器在真实数据处斜率的平方）、WGAN-GP 项（λ 乘以真假之间判别器斜率与 1 之差的平方）以及当前的实例噪声 σ。未开启时为零。',
    },
  },
  weights: {
    empty: '训练时，权重直方图大约每秒更新一次。',
    runRegion: '运行 {run}：权重',
    step: '第 {step, number} 步',
    generator: '生成器',
    discriminator: '判别器',
    runNetwork: '运行 {run} 的{network}',
    nearZero: '接近零',
    ofTotal: '（共 {total, number} 个）',
    histogram: '{name}的权重直方图，范围 ±{range}',
    tableCaption: '{name}：各层权重的 L2 范数及接近零（|w| < {threshold}）的比例',
    layer: '层',
    sinceStart: '×初始',
    sinceStartTitle: '当前 L2 范数是本次训练第一次读数的多少倍',
    nearZeroTitle: '|w| < {threshold} 的权重所占比例',
    layerTitle: '{layer}：{count, number} 个权重',
  },
};
