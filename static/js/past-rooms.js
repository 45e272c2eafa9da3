// The class's record after class (/teach/rooms): the links carry the instructor's token only when followed (as on
// the instructor's page, a link shown on the projector never shows it); a deletion is asked once more; the class
// chart (an SVG drawn by the server) is saved as a PNG on a white ground, at twice its size for a slide.
import { t } from './i18n.js';

const token = new URLSearchParams(location.search).get('token') || '';
for (const a of document.querySelectorAll('a[data-token-link], a.lang-link')) {
  a.addEventListener('click', (e) => {
    e.preventDefault();
    const to = new URL(a.href);
    to.searchParams.set('token', token);
    location.href = to.toString();
  });
}

for (const button of document.querySelectorAll('.past-delete button')) {
  button.closest('form').addEventListener('submit', (e) => {
    if (!window.confirm(button.dataset.confirm)) e.preventDefault();
  });
}

const png = document.getElementById('past-png');
const svg = document.querySelector('#past-chart svg');
if (png && svg) {
  png.addEventListener('click', () => {
    const box = svg.viewBox.baseVal;
    const image = new Image();
    image.onload = () => {
      const canvas = Object.assign(document.createElement('canvas'), { width: box.width * 2, height: box.height * 2 });
      const g = canvas.getContext('2d');
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(image, 0, 0, canvas.width, canvas.height);
      const a = Object.assign(document.createElement('a'), { href: canvas.toDataURL('image/png'), download: png.dataset.file });
      document.body.append(a);
      a.click();
      a.remove();
    };
    image.onerror = () => { png.textContent = t('past.png.failed'); };
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
  });
}
