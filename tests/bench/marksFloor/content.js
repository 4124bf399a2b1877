// The marks floor's content script: at DOMContentLoaded, reads the arXiv listing's ids, asks the
// background once which are listed (the `floor` parameter of the page's address names them, so the
// background needs no database), and at the answer draws one <lantern-mark>, in a closed shadow
// root, after each listed item's title. What Lantern does besides (its lookup, its UI) is not here.
const listed = new Set((new URLSearchParams(location.search).get('floor') || '').split(','));
document.addEventListener('DOMContentLoaded', () => {
  const links = [...document.querySelectorAll('dt a[title="Abstract"]')];
  chrome.runtime.sendMessage({ ids: links.map((link) => link.id).filter((id) => listed.has(id)) }).then(({ ids }) => {
    for (const link of links) {
      if (!ids.includes(link.id)) continue;
      const host = document.createElement('lantern-mark');
      const chip = document.createElement('span');
      chip.textContent = 'Listed';
      host.attachShadow({ mode: 'closed' }).append(chip);
      link.closest('dt').nextElementSibling.querySelector('.list-title').after(host);
    }
  });
});
