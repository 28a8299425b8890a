// What each `verify` check proves, in Traditional Chinese. The runner prints lab.yaml's English
// titles; Chinese pages show this text and the English title the terminal prints. Keyed by
// check id; test/pages.test.mts fails when a lab.yaml check has no entry here.
export const checkDescriptionsZh: Record<string, string> = {
  // Loki
  'gateway-ready': 'loki-gateway 有回應',
  'read-ready': 'loki-read 已就緒',
  'write-ready': 'loki-write 已就緒',
  'log-roundtrip': '經 Nginx 送出一個帶標記的請求，30 秒內能透過 gateway 查到它的日誌',
  'prometheus-targets': 'Prometheus 回報每個 Loki 元件都在線上（up）',
  'chunks-in-minio': 'flush 之後，MinIO 的 bucket 裡有 Loki 的 chunk',
  'grafana-datasources': 'Grafana 的兩個資料來源（Loki、Prometheus）都健康',
  'read-scaled': '練習：loki-read 擴展到 3 份後，經 gateway 的查詢仍然成功',
  'write-restart': '練習：在寫入壓力下重啟 loki-write，一行日誌都沒少',
  // Jaeger
  'collector-healthy': 'jaeger-collector 健康',
  'remote-storage-healthy': 'jaeger-remote-storage 健康',
  'topic-grows': 'jaeger-spans topic 存在，而且 end offset 持續增加',
  'ingester-keeps-up': 'ingester 的 consumer lag 回到接近 0',
  'jaeger-services': 'Jaeger query 列出產生的服務，並查得到它們的 trace',
  'ingester-outage': '練習：停掉 ingester，lag 上升；重新啟動後消化完畢，沒有遺失',
};
